// The tests' `test`: every page waits, after each navigation that loads a
// document, until the app has taken over a prerendered page (the list's and
// the articles' static HTML: tools/src/site/pages.rs). Until then the page
// is the static one, whose controls are disabled and whose keys do nothing;
// the tests drive the app. prerender.spec.js tests the static pages and the
// takeover itself with Playwright's own `test`. A prerendered page the app
// could not load its data for stays, with a notice (`#boot.failed`).
import { test as base, expect } from '@playwright/test';

const NAVIGATIONS = ['goto', 'reload', 'goBack', 'goForward'];

/** `page`'s navigations, each resolved once no prerendered page is showing. */
function waitForTakeover(page) {
  for (const name of NAVIGATIONS) {
    const navigate = page[name].bind(page);
    page[name] = async (...args) => {
      const response = await navigate(...args);
      await page.waitForFunction(() => !document.querySelector('#boot.prerendered:not(.failed)'));
      return response;
    };
  }
}

export const test = base.extend({
  context: async ({ context, javaScriptEnabled }, use) => {
    if (javaScriptEnabled !== false) {
      context.on('page', waitForTakeover);
    }
    await use(context);
  },
});

export { expect };
