const t = performance.now();
await import(process.argv[2]);
console.log('import ms', Math.round(performance.now() - t));
