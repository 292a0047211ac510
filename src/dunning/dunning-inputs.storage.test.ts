import { expect, it } from 'vitest';
import { customer, org } from '../../test/builders.ts';
import { describeEachEngine } from '../../test/engines.ts';
import { loadContactInfo } from './dunning-inputs.ts';

describeEachEngine('contact details for a run', (ctx) => {
  const db = () => ctx().handle.db;

  it('writes to the billing contact, else the first AP approver with an email, for a few customers or many', async () => {
    const o = await org(db());
    const billing = await customer(db(), o, {
      contacts: [
        { name: 'Other', role: 'other', email: 'other@a.example' },
        { name: 'Approver', role: 'ap_approver', email: 'ap@a.example' },
        { name: 'Billing', role: 'billing', email: 'billing@a.example' },
      ],
    });
    const approver = await customer(db(), o, {
      contacts: [
        { name: 'Billing, no email', role: 'billing', phone: '+420 555 000 111' },
        { name: 'Second approver', role: 'ap_approver', email: 'ap2@b.example' },
        { name: 'Other', role: 'other', email: 'other@b.example' },
      ],
    });
    const nobody = await customer(db(), o, { contacts: [] });
    const ids = [billing.id, approver.id, nobody.id];
    // Past 2,000 customers the contacts are read for the whole organisation in one pass.
    const many = [...ids, ...Array.from({ length: 2001 }, (_, k) => `cus_missing${k}`)];
    for (const list of [ids, many]) {
      const info = await loadContactInfo(db(), o.id, list);
      expect([...info.keys()].sort()).toEqual([...ids].sort());
      expect(ids.map((id) => [info.get(id)?.contactName, info.get(id)?.email])).toEqual([
        ['Billing', 'billing@a.example'],
        ['Second approver', 'ap2@b.example'],
        [null, null],
      ]);
    }
  });
});
