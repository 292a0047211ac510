import { type Command, CommanderError } from 'commander';
import { buildProgram } from './program.ts';

/**
 * The `duly` entry point (bin/duly.mjs). The shell's one read of the environment happens here.
 * Usage errors (unknown option, missing argument) exit 1 like every failure; under --json they
 * are reported as `{code: 'usage_error', message, errors: []}` on stderr.
 */
const env = { ...process.env };
const json = process.argv.includes('--json');
const program = buildProgram(env);

// Commander copies these settings only into commands created after them, so apply them to all.
function configure(cmd: Command): void {
  cmd.exitOverride();
  cmd.configureOutput({
    writeErr: (text) => {
      if (!json) process.stderr.write(text);
    },
  });
  cmd.commands.forEach(configure);
}
configure(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (!(e instanceof CommanderError)) throw e;
  if (e.exitCode !== 0 && json) {
    const message = e.message.replace(/^error: /, '');
    process.stderr.write(`${JSON.stringify({ code: 'usage_error', message, errors: [] })}\n`);
  }
  process.exitCode = e.exitCode === 0 ? 0 : 1;
}
