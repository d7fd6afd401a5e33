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
  },
  views: {
    /** Create or edit a contact. */
    contactModal: 'contact_modal',
    /** Possible duplicates, pushed over the contact modal before saving a company. */
    duplicatesModal: 'contact_duplicates',
    /** A contact card shown in a modal (read-only). */
    contactCardModal: 'contact_card',
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
  },
  actions: {
    /** The type radio in the contact modal: switching it redraws the modal (views.update). */
    contactTypeChanged: 'contact_type_changed',
    /** Typeahead of any contact (external_select). */
    contactPicker: 'contact_picker',
    /** Typeahead of companies only (external_select). */
    companyPicker: 'company_picker',
    viewContact: 'contact_view',
    editContact: 'contact_edit',
    deleteContact: 'contact_delete',
    addPerson: 'contact_add_person',
    logVisit: 'contact_log_visit',
    shareContact: 'contact_share',
    searchPage: 'contact_search_page',
    openExisting: 'duplicate_open_existing',
    notDuplicate: 'duplicate_not_duplicate',
  },
} as const;
