/**
 * Every view but the overview is its own chunk: the first render loads only the shell and the
 * overview, each other view's code arrives when it is first opened (or when its nav button is
 * hovered or focused, so a click rarely waits). While a view's code loads, its place shows a
 * `role="status"` placeholder named after the view; the navigation stays where it was, so
 * keyboard focus is never lost to the loading.
 */
import { Component, lazy, Suspense } from 'react';
import type { ComponentType, ReactNode } from 'react';
import { ErrorNotice } from './components/ErrorNotice.js';
import { Skeleton } from './components/Skeleton.js';
import { VIEW_LABEL } from './stores/nav-slice.js';
import type { View } from './stores/nav-slice.js';

type Loader<P> = () => Promise<ComponentType<P>>;

/** A lazily loaded component plus `preload()`, which starts (once) fetching its code. */
export interface LazyView<P> {
  /** Read at render time: `reset()` replaces it after a failed load. */
  Component: ComponentType<P>;
  preload(): Promise<unknown>;
  /** After a failed load: the next render fetches the code again (no-op once loaded). */
  reset(): void;
}

const all: Array<LazyView<never>> = [];

export function lazyView<P extends object>(load: Loader<P>): LazyView<P> {
  let pending: Promise<{ default: ComponentType<P> }> | null = null;
  const preload = () =>
    (pending ??= load().then(
      (c) => ({ default: c }),
      (e: unknown) => {
        pending = null;
        throw e;
      },
    ));
  const view: LazyView<P> = {
    Component: lazy(preload),
    preload,
    reset: () => {
      // React keeps a failed lazy component failed: a fresh one asks `preload` again. A view
      // whose code has arrived (or is arriving) keeps its component.
      if (!pending) view.Component = lazy(preload);
    },
  };
  all.push(view as LazyView<never>);
  return view;
}

export const SecretsView = lazyView(() => import('./features/secrets/SecretsView.js').then((m) => m.SecretsView));
export const SecretDetailView = lazyView(() => import('./features/secret-detail/SecretDetailView.js').then((m) => m.SecretDetailView));
export const KeysView = lazyView(() => import('./features/keys/KeysView.js').then((m) => m.KeysView));
export const ScopesView = lazyView(() => import('./features/scopes/ScopesView.js').then((m) => m.ScopesView));
export const TroubleshootView = lazyView(() => import('./features/troubleshoot/TroubleshootView.js').then((m) => m.TroubleshootView));
export const LeaksView = lazyView(() => import('./features/leaks/LeaksView.js').then((m) => m.LeaksView));
export const ActivityView = lazyView(() => import('./features/activity/ActivityView.js').then((m) => m.ActivityView));
export const SettingsView = lazyView(() => import('./features/settings/SettingsView.js').then((m) => m.SettingsView));
export const EmptyWorkspace = lazyView(() => import('./features/workspace/EmptyWorkspace.js').then((m) => m.EmptyWorkspace));

/** What a nav button may preload (the overview is in the first chunk already). */
const PRELOAD: Partial<Record<View, () => Promise<unknown>>> = {
  secrets: SecretsView.preload,
  secret: SecretDetailView.preload,
  keys: KeysView.preload,
  scopes: ScopesView.preload,
  troubleshoot: TroubleshootView.preload,
  leaks: LeaksView.preload,
  activity: ActivityView.preload,
  settings: SettingsView.preload,
};

/** Starts loading a view's code; a failed fetch is retried when the view is actually opened. */
export function preloadView(view: View): void {
  PRELOAD[view]?.().catch(() => undefined);
}

/** The placeholder while a view's code loads: a live status, named after what it waits for. */
export function ViewLoading({ label }: { label: string }) {
  return (
    <section className="view" aria-busy="true">
      <Skeleton lines={6} label={`Loading ${label}…`} />
    </section>
  );
}

const viewName = (view: View | 'workspace'): string => (view === 'workspace' ? 'the workspace chooser' : `the ${VIEW_LABEL[view]} view`);

/**
 * One boundary per view: the placeholder names the view being opened, and a view whose code
 * cannot be fetched (e.g. `keyhive web` was stopped) says so with the fix instead of blanking
 * the window. `render` is called on every render, so a retry picks up the reset components.
 */
export function ViewBoundary({ view, render }: { view: View | 'workspace'; render: () => ReactNode }) {
  return (
    <ViewLoadError key={view} label={viewName(view)}>
      {() => <Suspense fallback={<ViewLoading label={viewName(view)} />}>{render()}</Suspense>}
    </ViewLoadError>
  );
}

class ViewLoadError extends Component<{ label: string; children: () => ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  private retry = (): void => {
    for (const v of all) v.reset();
    this.setState({ failed: false });
  };

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children();
    return (
      <section className="view">
        <h1>This view could not be shown</h1>
        <ErrorNotice
          error={{
            code: 'INTERNAL',
            message: `The code of ${this.props.label} could not be loaded, or it failed while drawing.`,
            fix: 'Check that Keyhive (or `keyhive web`) is still running, then try again or reload this window.',
          }}
        />
        <button type="button" className="button" onClick={this.retry}>
          Try again
        </button>
      </section>
    );
  }
}
