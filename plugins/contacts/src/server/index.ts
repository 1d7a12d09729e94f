import { definePlugin } from '@trellis/sdk';
import { companyHooks } from './company-hooks.js';
import { seedContactsDemo } from './demo.js';
import { company, contact } from './entities.js';
import { contactsPermissions } from './permissions.js';
import { employs } from './relation-types.js';

export { webDomain } from './domain.js';

/**
 * The contacts plugin: the `company` and `contact` entities and the `employs` relation type
 * every people-and-organisations plugin shares. Others declare
 * `requires: { plugins: { contacts: '^1.0.0' } }` and add their own fields and relation types
 * to these entities. See docs/plugins/contacts.md.
 */
export default definePlugin({
  name: 'contacts',
  version: '1.0.0',
  description: 'Companies and contacts: the people and organisations other plugins build on',
  requires: { core: '^0.1.0' },
  entities: [company, contact],
  relationTypes: [employs],
  hooks: [companyHooks],
  permissions: contactsPermissions,
  demo: seedContactsDemo,
});
