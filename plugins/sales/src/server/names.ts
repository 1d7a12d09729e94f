/** The plugin's name: routes under `/api/plugins/sales`, events `sales.*`. */
export const PLUGIN = 'sales';

/** Entity names, prefixed with the plugin's so they cannot clash with a user's own. */
export const LEAD = 'sales_lead';
export const PIPELINE = 'sales_pipeline';
export const STAGE = 'sales_stage';
export const DEAL = 'sales_deal';
export const ACTIVITY = 'sales_activity';

/** The contacts plugin's entities this plugin links to. */
export const COMPANY = 'company';
export const CONTACT = 'contact';

/** Relation type keys (each with its symmetric). */
export const ACTIVITY_ABOUT = 'sales_activity_about';
export const ACTIVITY_OF = 'sales_has_activity';
export const CONCERNS = 'sales_concerns';
export const CONCERNED_BY = 'sales_concerned_by';
export const INVOLVES = 'sales_involves';
export const INVOLVED_IN = 'sales_involved_in';

/** Timeline entry kinds the plugin posts. */
export const STAGE_CHANGE = 'stage_change';
export const REMINDER = 'reminder';
