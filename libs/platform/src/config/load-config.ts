import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

/** Reads a configuration class from an environment: the config, or one problem per bad variable. */
export function checkConfig<T extends object>(cls: new () => T, env: NodeJS.ProcessEnv): { config: T; problems: string[] } {
  const config = plainToInstance(cls, { ...env }, { enableImplicitConversion: true, exposeDefaultValues: true });
  const problems = validateSync(config).map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
  return { config, problems };
}

/**
 * Reads and validates an app's configuration from the environment. A missing
 * or malformed variable stops the app at boot with a message naming it.
 */
export function loadConfig<T extends object>(cls: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const { config, problems } = checkConfig(cls, env);
  if (problems.length === 0) return config;
  process.stderr.write(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.exit(1);
}
