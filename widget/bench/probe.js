// Marks `first-slot` in the frame where `found()` first holds, and records long tasks.
window.longTasks = [];
new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: true });
window.probe = (found) => {
  (function check() {
    if (found()) performance.mark('first-slot');
    else requestAnimationFrame(check);
  })();
};
