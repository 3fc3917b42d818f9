// A tiny concurrency limiter for shard downloads.

/** Runs at most `n` of the tasks given to it at once, in the order given. */
export function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const queue: (() => void)[] = [];
  const next = () => {
    if (running >= n) return;
    const go = queue.shift();
    if (!go) return;
    running += 1;
    go();
  };
  return (task) =>
    new Promise((resolve, reject) => {
      queue.push(() => task().then(resolve, reject).finally(() => {
        running -= 1;
        next();
      }));
      next();
    });
}
