// A typeahead for long lists, such as the 153 local authorities on /mediators.
//
// Progressive enhancement: without JavaScript the page shows a plain <select>, which works on its
// own. With it, each <select data-module="register-typeahead"> is hidden (it stays in the form and
// still carries the chosen value) and a text box with suggestions takes its place, following the
// ARIA 1.2 combobox pattern: arrow keys move through the suggestions, Enter picks one, Escape
// closes the list, and a live region says how many suggestions there are.

const MAX_SUGGESTIONS = 10

function matchesFor (options, text) {
  const wanted = text.trim().toLowerCase()
  if (!wanted) return []
  const starts = options.filter(option => option.text.toLowerCase().startsWith(wanted))
  const contains = options.filter(option => !starts.includes(option) && option.text.toLowerCase().includes(wanted))
  return starts.concat(contains).slice(0, MAX_SUGGESTIONS)
}

function enhance (select) {
  const options = Array.from(select.options).filter(option => option.value)
  const label = document.querySelector(`label[for="${select.id}"]`)
  const input = document.createElement('input')
  const list = document.createElement('ul')
  const status = document.createElement('div')
  let matches = []
  let active = -1

  input.type = 'text'
  input.id = `${select.id}-typeahead`
  input.className = select.classList.contains('govuk-select--error') ? 'govuk-input govuk-input--error' : 'govuk-input'
  input.autocomplete = 'off'
  input.spellcheck = false
  input.setAttribute('role', 'combobox')
  input.setAttribute('aria-autocomplete', 'list')
  input.setAttribute('aria-expanded', 'false')
  input.setAttribute('aria-controls', `${select.id}-suggestions`)
  if (select.getAttribute('aria-describedby')) input.setAttribute('aria-describedby', select.getAttribute('aria-describedby'))
  input.value = select.value ? select.selectedOptions[0].text : ''

  list.id = `${select.id}-suggestions`
  list.className = 'register-typeahead__list'
  list.setAttribute('role', 'listbox')
  if (label) {
    label.id = label.id || `${select.id}-label`
    label.htmlFor = input.id
    list.setAttribute('aria-labelledby', label.id)
  }
  list.hidden = true

  status.className = 'govuk-visually-hidden'
  status.setAttribute('role', 'status')

  const wrapper = document.createElement('div')
  wrapper.className = 'register-typeahead'
  wrapper.append(input, list, status)
  select.hidden = true
  select.tabIndex = -1
  select.after(wrapper)

  function close () {
    list.hidden = true
    input.setAttribute('aria-expanded', 'false')
    input.removeAttribute('aria-activedescendant')
    active = -1
  }

  function render () {
    list.replaceChildren(...matches.map((option, index) => {
      const item = document.createElement('li')
      item.id = `${select.id}-suggestion-${index}`
      item.className = 'register-typeahead__option' + (index === active ? ' register-typeahead__option--active' : '')
      item.setAttribute('role', 'option')
      item.setAttribute('aria-selected', index === active ? 'true' : 'false')
      item.textContent = option.text
      item.addEventListener('mousedown', event => event.preventDefault()) // keep focus in the text box
      item.addEventListener('click', () => choose(option))
      return item
    }))
    const open = matches.length > 0
    list.hidden = !open
    input.setAttribute('aria-expanded', open ? 'true' : 'false')
    if (active >= 0) input.setAttribute('aria-activedescendant', `${select.id}-suggestion-${active}`)
    else input.removeAttribute('aria-activedescendant')
    status.textContent = input.value.trim()
      ? `${matches.length} ${matches.length === 1 ? 'suggestion' : 'suggestions'}`
      : ''
  }

  function choose (option) {
    select.value = option.value
    input.value = option.text
    matches = []
    close()
    status.textContent = `${option.text} chosen`
  }

  // The box's text decides the select's value: a name from the list, nothing, or (on submit) the
  // typed text itself, so the page can say which name it did not recognise.
  function settle () {
    const text = input.value.trim().toLowerCase()
    const exact = options.find(option => option.text.toLowerCase() === text)
    select.value = exact ? exact.value : ''
    return exact
  }

  input.addEventListener('input', () => {
    matches = matchesFor(options, input.value)
    active = -1
    settle()
    render()
  })

  input.addEventListener('keydown', event => {
    if (event.key === 'ArrowDown' && matches.length) {
      active = (active + 1) % matches.length
      render()
      event.preventDefault()
    } else if (event.key === 'ArrowUp' && matches.length) {
      active = active <= 0 ? matches.length - 1 : active - 1
      render()
      event.preventDefault()
    } else if (event.key === 'Enter' && !list.hidden && active >= 0) {
      choose(matches[active])
      event.preventDefault()
    } else if (event.key === 'Escape' && !list.hidden) {
      close()
      event.preventDefault()
    }
  })

  input.addEventListener('blur', () => {
    close()
    settle()
  })

  select.form.addEventListener('submit', () => {
    if (settle() || !input.value.trim()) return
    const unknown = new Option(input.value.trim(), input.value.trim(), true, true)
    unknown.dataset.typed = 'true'
    select.add(unknown)
  })
}

document.querySelectorAll('select[data-module="register-typeahead"]').forEach(enhance)
