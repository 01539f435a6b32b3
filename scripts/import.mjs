// npm run import -- [--data-dir DIR] FILE [--as-copy]
// A thin entry: the command itself (electron/cli/importCommand.ts) is a function tests call in-process.
import { register } from 'tsx/esm/api';

register();
const { importCommand } = await import('../electron/cli/importCommand.ts');
const code = await importCommand(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
process.exitCode = code;
