import type { Translator } from '../../i18n';
import type { WebClient } from '@slack/web-api';
import { encodeMetadata, type CardHandle, type VisitModalMetadata } from '../../schemas/view-metadata';
import type { Contact } from '../../services/contacts/contact.types';
import { getUserProfile } from '../../services/people/user-directory';
import { getWorkspaceSetup } from '../../services/setup/setup.service';
import { todayIn } from '../../services/calendar';
import { openOpportunitiesOf } from '../../services/opportunities/opportunity.service';
import type { Visit } from '../../services/visits/visit.types';
import { contactOptionLabel } from '../../views/contact/contact-option';
import { logVisitModal } from '../../views/visit/log-visit-modal.view';

/** What the modal shows of a contact it offers or pre-selects. */
export type ContactChoice = Pick<Contact, 'id' | 'name' | 'no' | 'companyName'>;

export interface LogVisitModalRequest {
  workspaceId: string;
  /** The reader's language. */
  tr: Translator;
  userId: string;
  /** Pre-selected contact (card button, a message that names one, `/contact log <text>`). */
  contact?: ContactChoice;
  /** Two or three contacts a message (or `/contact log <text>`) may mean: offered, none pre-selected. */
  candidates?: ContactChoice[];
  /** The message the visit is logged from. */
  message?: { text?: string; channelId?: string; ts?: string; permalink?: string };
  /** Edit this visit instead of logging a new one. */
  visit?: Visit;
  /** The contact card this was chosen on: redrawn in place once the visit is saved. */
  card?: CardHandle;
}

/** The log-visit modal, pre-filled; the user's "today" comes from their Slack time zone. */
export async function buildLogVisitModal(client: WebClient, request: LogVisitModalRequest) {
  const [setup, profile, opportunities] = await Promise.all([
    getWorkspaceSetup(request.workspaceId),
    getUserProfile(client, request.workspaceId, request.userId),
    request.contact && !request.visit ? openOpportunitiesOf(request.workspaceId, request.contact.id) : [],
  ]);
  const { visit, message, contact } = request;
  const metadata: VisitModalMetadata = visit
    ? { mode: 'edit', visitId: visit.id, card: request.card }
    : {
        mode: 'create',
        channelId: message?.channelId,
        messageTs: message?.ts,
        permalink: message?.permalink,
        card: request.card,
      };
  const values = visit
    ? {
        contactId: visit.contactId ?? undefined,
        typeCode: visit.typeCode,
        date: visit.date,
        description: visit.description,
        evaluation: visit.evaluation,
        successful: !visit.attemptFailed,
        durationMin: visit.durationMin,
        cost: visit.cost,
        followUpDate: visit.followUpDate,
      }
    : { contactId: contact?.id };
  const picked =
    contact ?? (visit?.contactId ? { id: visit.contactId, name: visit.contactName, no: visit.contactNo } : undefined);
  return logVisitModal(request.tr, {
    mode: visit ? 'edit' : 'create',
    types: setup.interactionTypes,
    today: todayIn(profile.tz),
    values,
    contactOption: picked ? { id: picked.id, label: contactOptionLabel(picked) } : undefined,
    contactCandidates: request.candidates?.map((candidate) => ({
      id: candidate.id,
      label: contactOptionLabel(candidate),
    })),
    messageText: visit ? undefined : message?.text,
    permalink: message?.permalink,
    privateMetadata: encodeMetadata(metadata),
    opportunityOptions: opportunities.map((o) => ({ id: o.id, label: `${o.no} ${o.description}` })),
    followUpTask: visit ? undefined : { assigneeId: request.userId },
  });
}
