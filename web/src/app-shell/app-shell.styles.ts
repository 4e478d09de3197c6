/**
 * Styles of the shell's shadow root: the green header, the navigation and, on a phone (≤ 720 px),
 * the compact header whose navigation, account and language sit behind one menu button. The skip
 * link and <main> are light DOM (global.css), so that the skip link's target is in the document.
 */
import { css } from 'lit';

export const shellStyles = css`
  :host {
    display: block;
    min-height: 100vh;
    background: #f3f4f6;
  }
  header {
    background: #14532d;
    color: #fff;
    padding: 0.6rem 1rem;
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
    justify-content: space-between;
  }
  .brand {
    display: flex;
    flex-direction: column;
  }
  .brand strong {
    font-size: 1.2rem;
  }
  .brand span {
    font-size: 0.85rem;
    color: #dcfce7;
  }
  .tools {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
  }
  .lang {
    display: flex;
    gap: 0.25rem;
    align-items: center;
  }
  .lang button,
  .menu-toggle {
    background: transparent;
    color: #fff;
    border-color: #fff;
    padding: 0.25rem 0.6rem;
    min-height: 2rem;
  }
  .lang button[aria-pressed='true'] {
    background: #fff;
    color: #14532d;
    font-weight: 700;
  }
  .menu-toggle {
    display: none;
    min-height: 2.5rem;
    min-width: 2.75rem;
  }
  header :focus-visible {
    outline-color: #fde047;
  }
  nav {
    background: #fff;
    border-bottom: 1px solid #d1d5db;
    padding: 0 0.5rem;
  }
  nav ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
  }
  nav a {
    display: block;
    padding: 0.65rem 0.7rem;
    color: #1f2937;
    text-decoration: none;
    border-bottom: 3px solid transparent;
  }
  nav a[aria-current='page'] {
    border-bottom-color: #15803d;
    font-weight: 700;
    color: #14532d;
  }
  nav a:hover {
    background: #f3f4f6;
  }
  @media (max-width: 720px) {
    header {
      padding: 0.35rem 0.6rem;
      flex-wrap: nowrap;
    }
    .brand span {
      display: none;
    }
    .menu-toggle {
      display: inline-flex;
      align-items: center;
      gap: 0.35rem;
    }
    .tools,
    nav {
      display: none;
    }
    :host([menu-open]) header {
      flex-wrap: wrap;
    }
    :host([menu-open]) .tools {
      display: flex;
      order: 3;
      width: 100%;
      padding: 0.25rem 0 0.35rem;
    }
    :host([menu-open]) nav {
      display: block;
    }
    nav ul {
      flex-direction: column;
    }
    nav a {
      padding: 0.6rem 0.5rem;
      border-bottom: 0;
      border-left: 4px solid transparent;
    }
    nav a[aria-current='page'] {
      border-left-color: #15803d;
    }
  }
  @media print {
    :host {
      background: #fff;
    }
    header,
    nav {
      display: none;
    }
  }
`;
