import { Command, CommanderError } from 'commander';
import { registerAnalyzeCommands } from './commands/analyze.ts';
import { registerBackupCommands } from './commands/backup.ts';
import { registerCandidatePrivacyCommands } from './commands/candidates.ts';
import { registerDataCommands } from './commands/data.ts';
import { registerDemoCommands } from './commands/demo.ts';
import { registerHiringCommands } from './commands/hiring.ts';
import { registerImportCommands } from './commands/imports.ts';
import { registerJdCommands } from './commands/jd.ts';
import { registerLibraryCommands } from './commands/library.ts';
import { registerMcpCommands } from './commands/mcp.ts';
import { registerOutcomesCommands } from './commands/outcomes.ts';
import { registerPlanCommands } from './commands/plans.ts';
import { registerScheduleCommands } from './commands/schedule.ts';
import { registerTranscriptCommands } from './commands/transcript.ts';
import { EXIT, describeError, exitCodeFor } from './io.ts';

export function buildProgram(): Command {
  const program = new Command('rubric')
    .description('Rubric: structured hiring for leadership roles. Data commands take --org <slug> --as <email>.')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  program
    .command('serve')
    .description('Start the web server (same as npm start)')
    .action(async () => {
      await import('../server/main.ts');
      await new Promise(() => undefined);
    });
  registerLibraryCommands(program);
  registerPlanCommands(program);
  registerDataCommands(program);
  registerBackupCommands(program);
  registerHiringCommands(program);
  registerImportCommands(program);
  registerCandidatePrivacyCommands(program);
  registerOutcomesCommands(program);
  registerScheduleCommands(program);
  registerJdCommands(program);
  registerTranscriptCommands(program);
  registerAnalyzeCommands(program);
  registerDemoCommands(program);
  registerMcpCommands(program);
  const exitOverrideAll = (c: Command) => {
    c.exitOverride();
    c.commands.forEach(exitOverrideAll);
  };
  exitOverrideAll(program);
  return program;
}

/** Runs the CLI; resolves to the exit code (0 success, 2 bad input or usage, 1 internal failure). */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    const msg = describeError(e);
    if (msg) process.stderr.write(msg + '\n');
    return exitCodeFor(e);
  }
}

const isMain = process.argv[1] && /(?:rubric(?:\.js)?|cli[\\/]main\.[jt]s)$/.test(process.argv[1]);
if (isMain) {
  const code = await runCli(process.argv.slice(2));
  process.exitCode = code;
}
