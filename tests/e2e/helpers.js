export const RUBIO = 'article/rubio-says-us-and-mexico-will-strengthen-security-collaboration';
export const KUMINGA = 'article/coach-steve-kerr-spoke-with-warriors-forward-jonathan-kuminga';

/** Serve `body` in place of the article bundle for this page. */
export async function serveBundle(page, body, { status = 200, delayMs = 0 } = {}) {
  await page.route('**/articles.json', async (route) => {
    if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
    await route.fulfill({
      status,
      contentType: 'application/json',
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  });
}

export function bundle(articles) {
  return { format: 'dateline-bundle', version: 1, articles };
}
