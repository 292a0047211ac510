import { type Command, InvalidArgumentError } from 'commander';
import { isIsoDate } from '../kernel/dates.ts';

const EXAMPLES = new WeakMap<Command, readonly string[]>();

/** Adds an `Example:` section to a command's --help, and remembers it for `duly --help`. */
export function withExamples(cmd: Command, ...examples: string[]): Command {
  EXAMPLES.set(cmd, examples);
  const title = examples.length > 1 ? 'Examples' : 'Example';
  return cmd.addHelpText('after', `\n${title}:\n${examples.map((e) => `  $ ${e}`).join('\n')}\n`);
}

function leaves(cmd: Command): Command[] {
  return cmd.commands.length === 0 ? [cmd] : cmd.commands.flatMap(leaves);
}

function fullName(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** Every command with its summary and first example, for the end of `duly --help`. */
export function examplesOverview(program: Command): string {
  const blocks = leaves(program).map((c) => {
    const first = EXAMPLES.get(c)?.[0];
    return `  ${fullName(c)}: ${c.description()}\n${first ? `    $ ${first}\n` : ''}`;
  });
  return `\nEvery command, with an example:\n${blocks.join('')}`;
}

/** Commander option parser for a whole number in [min, max]. */
export function integerIn(min: number, max: number) {
  return (text: string): number => {
    if (!/^-?\d+$/.test(text) || Number(text) < min || Number(text) > max) {
      throw new InvalidArgumentError(`use a whole number from ${min} to ${max}, got "${text}"`);
    }
    return Number(text);
  };
}

/** Commander option parser for a calendar date. */
export function isoDateOption(text: string): string {
  if (!isIsoDate(text))
    throw new InvalidArgumentError(`use a date as YYYY-MM-DD, e.g. 2026-03-31, got "${text}"`);
  return text;
}
