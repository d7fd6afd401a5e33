// Importing this module registers every mongoose model, so ensureIndexes() at start sees them all.
export { ContactModel } from './contact.model';
export { ContactDeletionModel } from './contact-deletion.model';
export { DuplicatePairModel } from './duplicate-pair.model';
export { DuplicateCandidateModel, DuplicateScanModel } from './duplicate-candidate.model';
export { NumberSeriesModel } from './number-series.model';
export { ContactDraftModel } from './contact-draft.model';
export { SetupAuditModel, SetupModel } from './setup.model';
export { VisitModel } from './visit.model';
export { DigestLogModel } from './digest-log.model';
export { ExportLockModel } from './export-lock.model';
export { InstallationModel } from './installation.model';
export { WorkspaceStatusModel } from './workspace-status.model';
export { OAuthStateModel } from './oauth-state.model';
export { UserLanguageModel } from './user-language.model';
export { ImportModel, ImportRowModel } from './import.model';
export { OpportunityModel, OpportunitySetupModel } from './opportunity.model';
export { TaskModel } from './task.model';
export { TaskMigrationModel } from './task-migration.model';
