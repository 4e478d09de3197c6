/**
 * Demo steps that features beyond the core add (recipients, accounts, blocs ...). Each runs
 * after the core demo data (units, settings, figures) is stored. Append one import per feature.
 */
import type { AppDeps } from '../deps.ts';

export const extraDemoSteps: Array<{ name: string; run: (deps: AppDeps) => Promise<void> }> = [];

// Emails: a few summary recipients for the department and two divisions.
import { recipientsDemoStep } from '../emails/emails.demo.ts';
extraDemoSteps.push(recipientsDemoStep);

// Accounts: one demo account per role (docs/accounts.md lists the passwords).
import { accountsDemoStep } from '../auth/accounts.demo.ts';
extraDemoSteps.push(accountsDemoStep);

// Reports and blocs: an emulation bloc of seven departments for 2025 (six added as root units).
import { blocsDemoStep } from '../blocs/blocs.demo.ts';
extraDemoSteps.push(blocsDemoStep);

// Filed reports: the demo agency's document settings (issuer, place, signer, Nơi nhận).
import { documentSettingsDemoStep } from '../settings/document-settings.demo.ts';
extraDemoSteps.push(documentSettingsDemoStep);
