// Runs pa11y (HTML_CodeSniffer, WCAG2AA) over the pages scripts/pa11y.py sends on stdin, as JSON:
// [{"url": ..., "cookies": [{"name": ..., "value": ...}]}]. One Chromium for them all; a signed-in
// page gets its session cookie set in the browser before pa11y opens it, and pa11y sends the User-Agent
// the session was signed in with (PA11Y_USER_AGENT). Prints [{"url", "issues"}].
const pa11y = require('pa11y')
const puppeteer = require('puppeteer')

async function main () {
  let input = ''
  for await (const chunk of process.stdin) input += chunk
  const visits = JSON.parse(input)
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run']
  })
  const results = []
  try {
    for (const visit of visits) {
      const page = await browser.newPage()
      if (visit.cookies.length) {
        await page.setCookie(...visit.cookies.map(cookie => ({ ...cookie, url: visit.url })))
      }
      const result = await pa11y(visit.url, { browser, page, runners: ['htmlcs'], standard: 'WCAG2AA', timeout: 60000, userAgent: process.env.PA11Y_USER_AGENT })
      results.push({ url: visit.url, title: result.documentTitle, issues: result.issues })
      await page.close()
    }
  } finally {
    await browser.close()
  }
  process.stdout.write(JSON.stringify(results))
}

main().catch(error => { console.error(error); process.exit(1) })
