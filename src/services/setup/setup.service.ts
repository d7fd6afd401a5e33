import { defaultContactSetup } from './setup.defaults';
import type { ContactSetup } from './setup.types';

/**
 * The setup contacts are created under. Until admins can edit setup (its own issue), every workspace uses the
 * documented defaults; callers already pass the workspace so stored setup can slot in here.
 */
export async function getContactSetup(_workspaceId: string): Promise<ContactSetup> {
  return defaultContactSetup;
}
