/**
 * Every identifier Slack echoes back to us (commands, callback_ids, action_ids, block_ids) lives here,
 * so a listener and the view that produces its payload can never drift apart.
 * manifest.yml repeats the command and shortcut callback ids; a test keeps the two in step.
 */
export const ids = {
  commands: {
    contact: '/contact',
  },
  shortcuts: {
    newContact: 'new_contact',
    logVisit: 'log_visit',
    /** The same modal from the shortcut menu (no message). */
    logVisitGlobal: 'log_visit_global',
  },
  views: {
    /** Create or edit a contact. */
    contactModal: 'contact_modal',
    /** Possible duplicates, pushed over the contact modal before saving a company. */
    duplicatesModal: 'contact_duplicates',
    /** A contact card shown in a modal; its private_metadata is the contact id. */
    contactCardModal: 'contact_card',
    /** The change log of one contact (admins, from the card's ⋯ menu; read-only). */
    contactChangesModal: 'contact_changes',
    /** Setup: the root modal summarising every section. */
    setupHome: 'setup_home',
    /** Setup: one section's form, pushed over the root modal. */
    setupSection: 'setup_section',
    /** Setup: the audit log, pushed over the root modal (read-only). */
    setupAudit: 'setup_audit',
    /** Setup: add or edit one interaction (visit) type, pushed over the list of types. */
    setupType: 'setup_type',
    /** Setup: one sales-opportunity section (sales cycles, close codes, opportunities, deal news), pushed. */
    oppSetupSection: 'opp_setup_section',
    /** Setup: add or edit one sales cycle and its stages, pushed over the list of cycles. */
    oppSetupCycle: 'opp_setup_cycle',
    /** Log or edit a visit (message shortcut, global shortcut, card button, `/contact log`). */
    logVisitModal: 'log_visit_modal',
    /** All visits of a contact, paged (read-only apart from Edit / Cancel). */
    visitHistoryModal: 'visit_history',
    /** App Home "Search": pick a contact to open its card. */
    contactSearchModal: 'contact_search_modal',
    /** One visit in full (read-only), from the team report's "Open a visit…" and "View" in a card's visit menu. */
    visitDetailModal: 'visit_detail',
    /**
     * "Update from the register": the fields where the card and Enhetsregisteret differ, each to tick; its one
     * input is the checkboxes block `contactField.registerUpdateBlock` (action_id the same).
     */
    registerUpdateModal: 'register_update',
  },
  /**
   * Block ids of the contact modal: one input block per field, named after the ContactInput field.
   * Each input's action_id is `contactField.action` so the state is read as values[blockId].value.
   */
  contactField: {
    action: 'value',
    blocks: {
      type: 'contact_type',
      no: 'contact_no',
      name: 'contact_name',
      name2: 'contact_name2',
      searchName: 'contact_search_name',
      firstName: 'contact_first_name',
      middleName: 'contact_middle_name',
      surname: 'contact_surname',
      companyId: 'contact_company',
      independent: 'contact_independent',
      address: 'contact_address',
      address2: 'contact_address2',
      postCode: 'contact_post_code',
      city: 'contact_city',
      county: 'contact_county',
      country: 'contact_country',
      phone: 'contact_phone',
      mobile: 'contact_mobile',
      email: 'contact_email',
      homePage: 'contact_home_page',
      salespersonId: 'contact_salesperson',
      territory: 'contact_territory',
      language: 'contact_language',
      vatRegNo: 'contact_vat_reg_no',
      industryGroups: 'contact_industry_groups',
      businessRelations: 'contact_business_relations',
      jobTitle: 'contact_job_title',
      organizationalLevel: 'contact_org_level',
      jobResponsibilities: 'contact_job_responsibilities',
      salutation: 'contact_salutation',
      privacyBlocked: 'contact_privacy_blocked',
    },
    /** Not inputs: what a new person takes from its company (with "Change"), and the "More details" button. */
    inheritedBlock: 'contact_inherited',
    moreDetailsBlock: 'contact_more_details',
    /** "Find in Enhetsregisteret" (New company): its input block (external_select ids.actions.registerPicker). */
    registerBlock: 'contact_register',
    /** The "Update from the register" modal's checkboxes (block_id and action_id). */
    registerUpdateBlock: 'register_update_fields',
  },
  actions: {
    /** The type radio in the contact modal: switching it redraws the modal (views.update). */
    contactTypeChanged: 'contact_type_changed',
    /** The "At a company / Independent" radio in the contact modal: redraws it (views.update). */
    contactEmploymentChanged: 'contact_employment_changed',
    /** "More details" in the new-contact modal: redraws it with every field, keeping what was typed. */
    contactMoreDetails: 'contact_more_details',
    /** "Change" beside what a new person inherits from the company: redraws with those inputs, pre-filled. */
    contactChangeInherited: 'contact_change_inherited',
    /** "Create 'xyzzy'" under a search that found nothing; the value is JSON `{"n": name, "t": type}`. */
    searchCreateContact: 'search_create_contact',
    /** The follow-up reminder DM's buttons; the value is the visit id. */
    reminderDone: 'reminder_done',
    reminderSnooze: 'reminder_snooze',
    reminderLogFollowUp: 'reminder_log_follow_up',
    /** Typeahead of any contact (external_select). */
    contactPicker: 'contact_picker',
    /** Typeahead of companies only (external_select). */
    companyPicker: 'company_picker',
    viewContact: 'contact_view',
    /**
     * A person's button on a company's card (Slack wants action ids unique within a block): this prefix and the
     * person's place in the list, `contact_view_person_0`…; the value is the contact id, as for viewContact.
     */
    viewPersonPrefix: 'contact_view_person_',
    editContact: 'contact_edit',
    deleteContact: 'contact_delete',
    /** Restore a deleted contact (admins) from `/contact deleted`; the value is the deletion id. */
    restoreContact: 'contact_restore',
    /** The same as Undo under a delete's confirmation. */
    undoDelete: 'contact_delete_undo',
    /** A company card's "Add person", beside its persons heading; the value is the company's id. */
    addPerson: 'contact_add_person',
    logVisit: 'contact_log_visit',
    /**
     * The card's ⋯ menu (overflow; a lone entry is a button with the same id): the value is `verb:contactId`,
     * verb edit | share | register | privacy | merge | delete (schemas/button-values.ts, contactMenuValue); `person`
     * from cards drawn before Add person moved to the persons heading.
     */
    contactMenu: 'contact_menu',
    /** "Changes…" in the Personal data modal: the contact's change log; the value is the contact id. */
    contactChanges: 'contact_changes_open',
    /** Share from cards posted before the ⋯ menu (still in people's messages); the value is the contact id. */
    shareContact: 'contact_share',
    /** "Keep it" under a card's Delete / Cancel-visit question: the card again; the value is the contact id. */
    contactCardBack: 'contact_card_back',
    /** Next under search results; Previous has its own id, since both sit in one actions block. */
    searchPage: 'contact_search_page',
    searchPageBack: 'contact_search_page_back',
    openExisting: 'duplicate_open_existing',
    notDuplicate: 'duplicate_not_duplicate',
    /** `/contact duplicates`: Next / Previous (value: the page, 0-based), each pair's Open buttons (value: the
     * contact id, as for viewContact; two ids since both sit in one block), Not duplicates (value `a:b:page`,
     * duplicateSeparateValue) and Check again (a workspace rescan; value: the page). */
    duplicateListPage: 'duplicate_list_page',
    duplicateListPageBack: 'duplicate_list_page_back',
    duplicateListOpenFirst: 'duplicate_list_open_first',
    duplicateListOpenSecond: 'duplicate_list_open_second',
    duplicateListSeparate: 'duplicate_list_separate',
    duplicateListRescan: 'duplicate_list_rescan',
    /** Setup root modal: "Edit" on a section; the button's value is the section key (setupSections). */
    setupOpenSection: 'setup_open_section',
    setupOpenAudit: 'setup_open_audit',
    /** Setup root modal: "Edit" on a sales-opportunity section; the value is the section (oppSetupSections). */
    oppSetupOpen: 'opp_setup_open',
    /** Sales cycles list: "Add cycle" (pushes the cycle modal). */
    oppSetupCycleAdd: 'opp_setup_cycle_add',
    /** Sales cycles list: the ⋯ menu of one cycle; the value is `edit:<code>` or `remove:<code>`. */
    oppSetupCycleMenu: 'opp_setup_cycle_menu',
    /** Duplicates section: redraw with one search-string row more / less (views.update). */
    setupAddDuplicateRow: 'setup_add_duplicate_row',
    setupRemoveDuplicateRow: 'setup_remove_duplicate_row',
    /** Interaction types list: "Add type" (pushes the type modal). */
    setupTypeAdd: 'setup_type_add',
    /** Interaction types list: the ⋯ menu of one type; the value is `edit:<code>` or `remove:<code>`. */
    setupTypeMenu: 'setup_type_menu',
    /** Digest section: the time zone select (external_select; its typeahead arrives with this action id). */
    setupTimeZone: 'setup_time_zone',
    /** Contact card: "Show all" visits; the value is the contact id. */
    visitShowAll: 'visit_show_all',
    /** Visit history modal: Previous / Next; the value is JSON `{"c": contactId, "p": page}` (0-based). */
    visitPage: 'visit_page',
    /**
     * A visit line's ⋯ menu (a lone entry is a button with the same id): the value is `verb:visitId:contactId`,
     * verb view | edit | cancel, contactId the card (or history) it is shown on (visitMenuValue).
     */
    visitMenu: 'visit_menu',
    /**
     * "Cancel visit" under the card's question; the value is `visitId:contactId` (visitCancelValue). Cards from
     * before the ⋯ menu carry the bare visit id, with Slack's confirm dialog; both are honoured.
     */
    cancelVisit: 'visit_cancel',
    /** Edit on a visit line of cards from before the ⋯ menu; the value is the visit id. */
    editVisit: 'visit_edit',
    /** App Home buttons. */
    homeNewContact: 'home_new_contact',
    homeLogVisit: 'home_log_visit',
    homeSearch: 'home_search',
    homeSetup: 'home_setup',
    /**
     * The contact picked in the Find-a-contact modal (external_select with dispatch_action): sends block_actions,
     * and its typeahead arrives as block_suggestion with this action id, so the options listener answers it too.
     */
    homeContactPicked: 'home_contact_picked',
    /**
     * Team report and digest: one salesperson's visits in the report's period, as their own report; the value is
     * JSON `{"u": userId, "f": from, "t": to}` (schemas/button-values.ts: openWeekValue).
     */
    visitsOpenWeek: 'visits_open_week',
    /** Digest: the team report for the digest's week; the value is JSON `{"f": from, "t": to}`. */
    visitsOpenTeam: 'visits_open_team',
    /** Team report: "Open a visit…" (static_select per salesperson); the option's value is the visit id. */
    visitsOpenVisit: 'visits_open_visit',
    /** App Home: the language select (static_select en/nb); stores the user's choice like `/contact language`. */
    homeLanguage: 'home_language',
    /** Setup, Language section: "Use Norwegian defaults" (interaction types, evaluations, phone region NO). */
    setupNorwegianDefaults: 'setup_norwegian_defaults',
    /**
     * "Find in Enhetsregisteret" in the New company modal (external_select with dispatch_action): its typeahead
     * (block_suggestion) and its pick (block_actions) arrive with this id; an option's value is the 9-digit org.nr.
     */
    registerPicker: 'register_picker',
    /** "Update from the register" on a company's card; the value is the contact id. */
    registerUpdate: 'contact_register_update',
  },
  /**
   * Block ids of the setup section modals. Every input's action_id is `setupField.action`, so the state is read
   * as values[blockId].value (the digest's time zone select has its own action id, for its typeahead). A code list
   * may need more than one text box (Slack caps one at 3000 characters): the first is `codes`, the next ones add
   * `_2`, `_3`… The interaction types are rows (`interactionTypes` is the list's first block), each edited in the
   * type modal (`type…`).
   * The duplicate search-string rows are `duplicateRowField` / `duplicateRowLength` + the row number (1–10).
   */
  setupField: {
    action: 'value',
    blocks: {
      prefix: 'setup_prefix',
      digits: 'setup_digits',
      nextNo: 'setup_next_no',
      allowManual: 'setup_allow_manual',
      inheritance: 'setup_inheritance',
      country: 'setup_country',
      defaultLanguage: 'setup_default_language',
      salesperson: 'setup_salesperson',
      territory: 'setup_territory',
      phoneRegion: 'setup_phone_region',
      autosearch: 'setup_autosearch',
      hitPercent: 'setup_hit_percent',
      duplicateRowField: 'setup_duplicate_field_',
      duplicateRowLength: 'setup_duplicate_length_',
      duplicateRowButtons: 'setup_duplicate_buttons',
      codes: 'setup_codes',
      interactionTypes: 'setup_interaction_types',
      admins: 'setup_admins',
      managers: 'setup_managers',
      digestEnabled: 'setup_digest_enabled',
      digestWeekday: 'setup_digest_weekday',
      digestTime: 'setup_digest_time',
      digestTimeZone: 'setup_digest_time_zone',
      language: 'setup_language',
      sharingEnabled: 'setup_sharing_enabled',
      /** The interaction type modal (one type). */
      typeCode: 'setup_type_code',
      typeDescription: 'setup_type_description',
      typeMinutes: 'setup_type_minutes',
      typeCost: 'setup_type_cost',
      typeFlow: 'setup_type_flow',
      typeInitiatedBy: 'setup_type_initiated_by',
      /** The Importing section: whether everyone (not only admins) may import contacts. */
      importForEveryone: 'setup_import_for_everyone',
      retentionYears: 'setup_retention_years',
      /** The Enhetsregisteret section: the weekly check of companies with an org.nr. */
      registerCheck: 'setup_register_check',
    },
  },
  /** Block ids of the sales-opportunity setup forms; every input's action_id is setupField.action. */
  oppSetupField: {
    cycles: 'opp_setup_cycles',
    cycleCode: 'opp_setup_cycle_code',
    cycleDescription: 'opp_setup_cycle_description',
    cycleCalculation: 'opp_setup_cycle_calculation',
    cycleStages: 'opp_setup_cycle_stages',
    closeWon: 'opp_setup_close_won',
    closeLost: 'opp_setup_close_lost',
    prefix: 'opp_setup_prefix',
    digits: 'opp_setup_digits',
    nextNo: 'opp_setup_next_no',
    defaultCycle: 'opp_setup_default_cycle',
    currency: 'opp_setup_currency',
    newsChannel: 'opp_setup_news_channel',
    newsEvents: 'opp_setup_news_events',
    newsMovedFrom: 'opp_setup_news_moved_from',
  },
  /**
   * Block ids of the log-visit modal (and of the Find-a-contact modal's one input, `contactSearch`).
   * The contact input's action_id is ids.actions.contactPicker (it shares the typeahead); every other input's
   * action_id is its block id, so the state is read as values[id][id].
   */
  visitField: {
    contact: 'visit_contact',
    /** "Did you mean": the two or three contacts a message may name, above the contact select. */
    contactChoice: 'visit_contact_choice',
    type: 'visit_type',
    date: 'visit_date',
    description: 'visit_description',
    evaluation: 'visit_evaluation',
    successful: 'visit_successful',
    duration: 'visit_duration',
    cost: 'visit_cost',
    followUp: 'visit_follow_up',
    contactSearch: 'visit_contact_search',
  },
  /**
   * `/contact import`: the upload modal, the preview (root modal, updated in place), the column mapping pushed over
   * it, and the DM summary's Undo. Every input's action_id is `importField.action`; a mapping select's block id is
   * `importField.blocks.column` + the column's index.
   */
  importField: {
    action: 'value',
    views: {
      upload: 'import_upload',
      preview: 'import_preview',
      mapping: 'import_mapping',
    },
    blocks: {
      file: 'import_file',
      keepNumbers: 'import_keep_numbers',
      onMatch: 'import_on_match',
      column: 'import_column_',
    },
    actions: {
      changeMapping: 'import_change_mapping',
      /** The value is the import id. */
      undo: 'import_undo',
    },
  },
  /**
   * Sales opportunities (issue 16). Card buttons carry `opportunityId:version` (schemas/opportunity-modal.ts,
   * oppValue), so a click made on an old card is told the deal changed instead of overwriting it; "Move to stage…"
   * options carry `opportunityId:version:stageNo`. Every input's action_id is `opportunity.action`.
   */
  opportunity: {
    action: 'value',
    views: {
      create: 'opp_new',
      update: 'opp_update',
      close: 'opp_close',
      /** The card in a modal (from a modal, e.g. the contact card modal); private_metadata is the deal's id. */
      card: 'opp_card',
    },
    actions: {
      /** Contact card: "New opportunity"; the value is the contact id. */
      create: 'opp_new_for_contact',
      /** Open a deal's card; the value is its id. */
      view: 'opp_view',
      next: 'opp_next',
      update: 'opp_update_open',
      move: 'opp_move',
      close: 'opp_close_open',
      reopen: 'opp_reopen',
    },
    blocks: {
      contact: 'opp_contact',
      description: 'opp_description',
      value: 'opp_value',
      stage: 'opp_stage',
      chances: 'opp_chances',
      closingDate: 'opp_closing_date',
      priority: 'opp_priority',
      salesperson: 'opp_salesperson',
      outcome: 'opp_outcome',
      closeCode: 'opp_close_code',
      actualValue: 'opp_actual_value',
      /** The log-visit modal's optional "Opportunity" select. */
      visitOpportunity: 'visit_opportunity',
    },
  },
  /**
   * Tasks ("oppgaver"): the task modal (`/contact task`, the card's Add task), the snooze date modal, and the
   * buttons on Home, in reminders and in lists. A task button's value is the task id; the Snooze select's option
   * values are `tomorrow:<taskId>`, `monday:<taskId>` or `pick:<taskId>` (schemas/task-values.ts); Open contact, Edit
   * and Cancel task are in the row's ⋯ menu. Every input's action_id is its block id, except the contact's (the contact typeahead).
   */
  task: {
    views: {
      modal: 'task_modal',
      snooze: 'task_snooze_modal',
      /** The task modal opened on a task (Edit), pre-filled; private_metadata names the task and its version. */
      edit: 'task_edit_modal',
      /** "Cancel this task?" */
      cancel: 'task_cancel_modal',
    },
    actions: {
      done: 'task_done',
      snooze: 'task_snooze',
      /** The card's "Add task"; the value is the contact id. */
      add: 'task_add',
      /** The opportunity card's "Add task"; the value is the opportunity id. */
      addForOpportunity: 'task_add_opportunity',
      /** A task row's ⋯ menu: `open:<contactId>`, `edit:<taskId>`, `cancel:<taskId>` (schemas/task-values.ts). */
      menu: 'task_menu',
    },
    fields: {
      contact: 'task_contact',
      title: 'task_title',
      dueDate: 'task_due_date',
      dueTime: 'task_due_time',
      assignee: 'task_assignee',
      priority: 'task_priority',
      note: 'task_note',
      snoozeDate: 'task_snooze_date',
      /** The log-visit modal's "Follow-up task": its title and assignee (the due date is visitField.followUp). */
      followUpTitle: 'visit_follow_up_title',
      followUpAssignee: 'visit_follow_up_assignee',
    },
  },
  /** Merging two contacts (issue 18): the field-by-field modal, the buttons that open it, Undo. */
  merge: {
    /** The merge modal; private_metadata is mergeMetadata (both ids and versions, which stays). */
    modal: 'contact_merge_modal',
    /**
     * "Merge with…" from the card's ⋯ menu: pick the other contact (typeahead), then the merge modal;
     * private_metadata is mergePickMetadata (the card's contact id, re-checked by the merge service).
     */
    pickModal: 'contact_merge_pick',
    actions: {
      /** `/contact duplicates`: "Merge…" on a pair; value `a:b:page` (duplicateSeparateValue). */
      fromList: 'merge_from_list',
      /** The card's "Possible duplicate of X" line: "Merge…"; value `a:b:0`. */
      fromCard: 'merge_from_card',
      /** In the modal: which contact stays (redraws the rows). */
      keep: 'merge_keep',
      /** "Undo merge" on the kept card or the DM; the value is the merge record id. */
      undo: 'merge_undo',
      /**
       * The other contact in "Merge with…" (external_select): its typeahead arrives as block_suggestion with this
       * id; an option's value is a contact id.
       */
      pick: 'merge_pick',
    },
    blocks: {
      keep: 'merge_keep_block',
      /** "Merge with…": the other contact's input block. */
      pick: 'merge_pick_block',
      /** One radio row per differing field: the prefix + the field name. */
      fieldPrefix: 'merge_field_',
      /** Where errors about the whole form land (a contact changed meanwhile, gone, refused). */
      form: 'merge_form',
    },
  },
  /**
   * Personal data (issue 19): the card's "Personal data…" modal, and the buttons of `/contact privacy`. Every value
   * is the contact id (purge: none), re-checked by the privacy service against the workspace and the admin rule.
   */
  privacy: {
    views: {
      /** "Personal data…" from the card's ⋯ menu: Export and Erase; private_metadata is the contact id. */
      modal: 'privacy_modal',
    },
    actions: {
      export: 'privacy_export',
      /** Erase… in the modal: the question, naming what goes and what stays. */
      askErase: 'privacy_ask_erase',
      /** Erase under the question. */
      erase: 'privacy_erase',
      /** Cancel under the erase or purge question. */
      cancel: 'privacy_cancel',
      /** Purge under `/contact privacy purge`'s question. */
      purge: 'privacy_purge',
    },
  },
} as const;
