import { chmod, mkdir } from 'node:fs/promises';
import { SessionError } from './errors.ts';
import { projectDir, projectsDir } from './paths.ts';

const DIR_MODE = 0o700;

/**
 * Creates `<configDir>/projects/<key>` with mode 0700 at every level this library
 * owns. Transcripts hold code and whatever secrets users paste, so no other user
 * may list or read them.
 *
 * The config dir itself is made 0700 when we create it. An existing config dir
 * keeps its mode: it is the user's folder, shared with settings, and changing a
 * mode the user chose would be surprising; the `projects` folder below it is
 * always forced to 0700, which is what protects the transcripts.
 * `mkdir`'s mode is filtered by the umask, so modes are set explicitly.
 */
export async function ensureProjectDir(configDir: string, cwd: string): Promise<string> {
  const dir = projectDir(configDir, cwd);
  try {
    const firstCreated = await mkdir(configDir, { recursive: true, mode: DIR_MODE });
    if (firstCreated !== undefined) await chmod(configDir, DIR_MODE);
    const projects = projectsDir(configDir);
    await mkdir(projects, { recursive: true, mode: DIR_MODE });
    await chmod(projects, DIR_MODE);
    await mkdir(dir, { recursive: true, mode: DIR_MODE });
    await chmod(dir, DIR_MODE);
  } catch (cause) {
    throw new SessionError('TRANSCRIPT_IO', `cannot create the session folder ${dir}: ${(cause as Error).message}`, { file: dir, cause });
  }
  return dir;
}
