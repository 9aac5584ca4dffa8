// V8's CPU profiler in a Web Worker of Chromium, through the DevTools protocol:
// playwright hands out sessions for pages only, so the worker's target is attached
// from a browser session and spoken to through Target.sendMessageToTarget.

/** The profiler of the page's one dedicated worker (call once the worker runs). */
export async function workerProfiler(browser, { intervalUs = 100 } = {}) {
  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets');
  const workers = targetInfos.filter((t) => t.type === 'worker');
  if (workers.length !== 1) throw new Error(`expected one worker to profile, found ${workers.length}`);
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: workers[0].targetId, flatten: false });
  let lastId = 0;
  const pending = new Map();
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    if (e.sessionId !== sessionId) return;
    const m = JSON.parse(e.message);
    pending.get(m.id)?.(m);
    pending.delete(m.id);
  });
  const send = (method, params = {}) => new Promise((resolve, reject) => {
    const id = ++lastId;
    pending.set(id, (m) => (m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result)));
    cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
  });
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: intervalUs });
  return {
    start: () => send('Profiler.start'),
    /** The profile since start (a `.cpuprofile`). */
    stop: async () => (await send('Profiler.stop')).profile,
    detach: () => cdp.detach().catch(() => undefined),
  };
}
