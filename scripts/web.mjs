// npm run web -- [--data-dir DIR] [--port N]: builds what changed (the interface, the server), then
// runs browser mode from the built server, so a start compiles nothing (docs/performance.md).
import { ensureRendererBuilt } from './build-renderer.mjs';
import { ensureServerBuilt, runServer } from './build-server.mjs';

await ensureRendererBuilt();
await ensureServerBuilt();
runServer();
