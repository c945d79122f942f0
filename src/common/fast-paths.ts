/**
 * The switch for the measured shortcuts that lean on a library's internals (LangChain's streaming
 * and tool plumbing, the Gemini SDK's client, `ws`'s raw socket). Each lives behind one seam with a
 * contract test; if an upgrade breaks one, LIBRARY_FAST_PATHS=false runs the public paths instead
 * until the seam is fixed. Read on each use: a process.env lookup is cheap next to a turn.
 */
export function libraryFastPaths(): boolean {
  return process.env.LIBRARY_FAST_PATHS !== 'false';
}
