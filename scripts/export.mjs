// npm run export -- [--data-dir DIR] (--meeting ID | --all | --from YYYY-MM-DD --to YYYY-MM-DD) --format md|html|csv|json --out FILE
// A thin entry: the command itself (electron/cli/exportCommand.ts) is a function tests call in-process.
import { register } from 'tsx/esm/api';

register();
const { exportCommand } = await import('../electron/cli/exportCommand.ts');
const code = await exportCommand(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
// exitCode, not exit(): lets stdout drain when the export was written to it (--out -).
process.exitCode = code;
