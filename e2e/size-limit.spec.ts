import { expect, test, type Browser, type Locator, type Page } from './fixtures';
import { editable, expectAccessible, login, openStrategy, screenshot, sectionEditor } from './helpers';

/** Pastes `bytes` of plain text (lines of about 2,000 characters) into the focused editor, as the clipboard would. */
async function paste(editor: Locator, marker: string, bytes: number): Promise<void> {
  await editor.evaluate(
    (element, { marker, bytes }) => {
      const line = `${marker} ${'Dette er en lang tekst om digitalisering i kommunen. '.repeat(38)}\n`;
      const data = new DataTransfer();
      data.setData('text/plain', line.repeat(Math.ceil(bytes / line.length)));
      element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    { marker, bytes },
  );
}

/** Sizes of every message this page sends on its collaboration socket. */
function sentSizes(page: Page): number[] {
  const sizes: number[] = [];
  page.on('websocket', (socket) => {
    if (!socket.url().includes('/collab/')) return;
    socket.on('framesent', (frame) => sizes.push(frame.payload.length));
  });
  return sizes;
}

/** Another person's fresh page: what it shows is what the server stored. */
async function storedText(browser: Browser, number: string, title: string): Promise<Locator> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, 'radgiver@eksempel.no');
  await openStrategy(page);
  return sectionEditor(page, number, title);
}

const LARGE = 100_000;

test('a paste over the size limit is refused with a message, nothing is sent, and later typing is stored', async ({
  page,
  browser,
}) => {
  const sizes = sentSizes(page);
  await login(page, 'leder@eksempel.no');
  await openStrategy(page);
  const editor = await editable(page, '4.7', 'Kompetanse');
  await editor.click();
  await page.keyboard.press('Control+End');

  await paste(editor, 'FOR-STOR-TEKST', 2_200_000);
  const alert = page.getByRole('alert').filter({ hasText: 'Endringen er for stor' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('Del teksten opp');
  await expect(editor).not.toContainText('FOR-STOR-TEKST');
  await expectAccessible(page);
  await screenshot(page, 'paste-too-large');

  await expect(editor).toBeFocused();
  await page.keyboard.type('Skrevet etter den avviste innlimingen.');
  const stored = await storedText(browser, '4.7', 'Kompetanse');
  await expect(stored).toContainText('Skrevet etter den avviste innlimingen.');
  await expect(stored).not.toContainText('FOR-STOR-TEKST');
  expect(sizes.filter((size) => size > LARGE)).toEqual([]);

  await page.reload();
  await expect(sectionEditor(page, '4.7', 'Kompetanse')).toContainText('Skrevet etter den avviste innlimingen.');
});

// The server's backstop: a change the editor let through but the server refused (its own 4413, or the
// socket layer's 1009 for a frame over its cap). The client must resync, not send it again.
for (const code of [4413, 1009]) {
  test(`after the server refuses a change as too large (${code}), the page reloads without it, says so, and later typing is stored`, async ({
    page,
    browser,
  }) => {
    let refused = 0;
    await page.routeWebSocket(/\/collab\//, (socket) => {
      const server = socket.connectToServer();
      server.onMessage((message) => socket.send(message));
      socket.onMessage((message) => {
        if (message.length <= LARGE) return server.send(message);
        refused++;
        void server.close();
        void socket.close({ code, reason: 'too large' });
      });
    });
    await login(page, 'leder@eksempel.no');
    await openStrategy(page);
    const editor = await editable(page, '4.6', 'Infrastruktur og programvare');
    await editor.click();
    await page.keyboard.press('Control+End');

    await paste(editor, `AVVIST-${code}`, 300_000);
    await expect(page.getByText('En endring var for stor til å lagres')).toBeInViewport();
    if (code === 4413) await screenshot(page, 'too-large-reloaded');
    const fresh = await editable(page, '4.6', 'Infrastruktur og programvare');
    await expect(fresh).not.toContainText(`AVVIST-${code}`);

    await fresh.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(`Lagret etter ${code}.`);
    const stored = await storedText(browser, '4.6', 'Infrastruktur og programvare');
    await expect(stored).toContainText(`Lagret etter ${code}.`);
    await expect(stored).not.toContainText(`AVVIST-${code}`);
    // Refused once, never sent again.
    expect(refused).toBe(1);
  });
}
