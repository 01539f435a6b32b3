// npm run web -- [--data-dir DIR] [--port N]: builds the renderer if needed, then runs browser mode.
import { register } from 'tsx/esm/api';
import { ensureRendererBuilt } from './build-renderer.mjs';

await ensureRendererBuilt();
register();
await import('../electron/web.ts');
