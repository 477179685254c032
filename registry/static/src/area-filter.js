// The mediator's profile (/workspace/mediator/profile): filter the local authorities by name and
// open the regions that match.
//
// Progressive enhancement: without JavaScript the filter stays hidden and every region can be
// opened by hand. Items are hidden through element.style (CSSOM), which the Content-Security-Policy
// allows, unlike style="" attributes in the markup; the hidden attribute would lose to the
// checkboxes' own display rule.

const group = document.getElementById('area-filter-group')
const input = document.getElementById('area-filter')

if (group && input) {
  group.hidden = false
  input.addEventListener('input', () => {
    const query = input.value.trim().toLowerCase()
    for (const region of document.querySelectorAll('[data-region]')) {
      let matches = 0
      for (const item of region.querySelectorAll('[data-area-name]')) {
        const shown = !query || item.dataset.areaName.includes(query)
        item.style.display = shown ? '' : 'none'
        matches += shown ? 1 : 0
      }
      region.style.display = query && matches === 0 ? 'none' : ''
      if (query && matches) region.open = true
    }
  })
}
