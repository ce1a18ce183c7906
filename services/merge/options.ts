import type { ImportProgress } from '../../common/model.js';
import type { PathCheck } from '../path-policy.js';

/** How a merge is run (services/merge/index.ts). */
export interface MergeOptions {
  /** The layer name for a source with no annotator or a single one (`--as`). */
  as?: string;
  /** The source as messages and the report name it (an upload's own name, not its private copy's path). */
  shownAs?: string;
  /** Folder a relative source path starts from (an upload's private folder): import-format sources only. */
  base?: string;
  /** The host's check of links met inside a source folder (none: any, as in the CLI). */
  check?: PathCheck;
  onProgress?: (p: ImportProgress) => void;
  /**
   * A `.crosscheck` source merged row by row, never by the SQL fast path (project-fast.ts): the reference the fast
   * path must equal, which its tests compare it with. Either writes the same rows and report.
   */
  rowByRow?: boolean;
}
