/**
 * Base of the views that follow the shell's unit and year pickers (`scoped: true` in the
 * registry): the ViewProps the shell sets, as Lit properties, and the controller that renders
 * the view again when the language changes.
 */
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { Category, Unit } from '../api-client.ts';
import { I18nController } from '../i18n/i18n.ts';
import type { ViewProps } from './registry.ts';

export abstract class ScopedView extends LitElement implements ViewProps {
  @property() unit = '';
  @property({ type: Number }) year = 0;
  @property({ attribute: false }) units: Unit[] = [];
  @property({ attribute: false }) categories: Category[] = [];
  @property({ attribute: false }) query = new URLSearchParams();

  protected readonly i18n = new I18nController(this);
}
