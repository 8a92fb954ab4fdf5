/**
 * Preloaded into every build Helder starts (`node --import <this file> astro.mjs build`).
 *
 * A public build runs in its own process group, so a timeout can stop it and every worker it
 * started at once. The price: when the server is killed outright (SIGKILL, the OOM killer), the
 * kernel does not stop the group with it, and the orphaned build would keep a core busy for
 * seconds to minutes. This watches the parent and takes the whole group down when it is gone.
 */
const parent = process.ppid;

const watch = setInterval(() => {
  if (process.ppid === parent) return;
  try {
    // Our group (we lead it when started detached), else just ourselves.
    process.kill(-process.pid, 'SIGKILL');
  } catch {
    process.kill(process.pid, 'SIGKILL');
  }
}, 250);
// Never the reason the build keeps running.
watch.unref();

export {};
