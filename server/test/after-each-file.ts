import { afterAll } from 'vitest';
import { removeTestDatabases } from './databases';

// A vitest setup file: it runs before every test file, also when modules are shared between files
// (isolate: false), so each file registers its own cleanup. Registered before the file's own hooks,
// it runs after them (hooks after the tests run in reverse order), once the file's servers are closed.
// Dropping a database takes a moment under load: give a file's many a minute and a half, four at once.
afterAll(removeTestDatabases, 90_000);
