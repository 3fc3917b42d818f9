// The workspace's keys as a table: each key finds its action, the focused element keeps the keys it owns,
// and each action does to the store and the run what its button does.
import { describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../../store/appStore';
import { ACTIONS, actionForKey, type ActionContext } from './actions';

const press = (key: string, target: EventTarget | null = null, extra: Partial<KeyboardEvent> = {}) =>
  actionForKey({ key, ctrlKey: false, metaKey: false, altKey: false, defaultPrevented: false, target, ...extra });

/** A stand-in for a DOM element: `closest` answers for the selectors it is given. */
const element = (matches: (selector: string) => boolean) => ({ closest: (s: string) => (matches(s) ? {} : null) }) as unknown as EventTarget;
const field = element((s) => s.includes('input'));
const button = element((s) => s.includes('button'));
const plain = element(() => false);

function context() {
  const store = createAppStore({ language: 'en' });
  const run = { start: vi.fn<() => void>(), pause: vi.fn<() => void>(), resume: vi.fn<() => void>(), step: vi.fn<() => void>(), stop: vi.fn<() => void>() };
  return { store, run, focusedView: () => 'chart' } satisfies ActionContext;
}

describe('workspace keys', () => {
  it('maps each key to its action', () => {
    const table: [string, string][] = [
      ['p', 'presenter'], [' ', 'play-pause'], ['ArrowRight', 'step'], ['r', 'reset'], ['f', 'full-view'],
      ['1', 'panel'], ['9', 'panel'], ['l', 'laser'], ['b', 'blank'], ['?', 'key-map'],
    ];
    for (const [key, id] of table) expect(press(key, plain)?.id, key).toBe(id);
    expect(press('x', plain)).toBeNull();
    expect(press('r', plain, { ctrlKey: true })).toBeNull(); // Ctrl+R reloads, as the browser means it
    expect(press(' ', plain, { defaultPrevented: true })).toBeNull(); // the editor handled it already
  });

  it('leaves typing to fields and Space to buttons', () => {
    expect(press('b', field)).toBeNull();
    expect(press(' ', field)).toBeNull();
    expect(press(' ', button)).toBeNull();
    expect(press('b', button)?.id).toBe('blank');
  });

  it('in presenter mode leaves only typing to fields: Space on a clicked block, tab or button plays', () => {
    const presenting = (key: string, target: EventTarget) =>
      actionForKey({ key, ctrlKey: false, metaKey: false, altKey: false, defaultPrevented: false, target }, true);
    expect(presenting(' ', button)?.id).toBe('play-pause');
    expect(presenting('ArrowRight', plain)?.id).toBe('step');
    expect(presenting(' ', field)).toBeNull();
    expect(presenting('ArrowRight', field)).toBeNull();
  });

  it('does what the buttons do', () => {
    const ctx = context();
    const s = () => ctx.store.getState();
    ACTIONS.playPause.perform(ctx);
    expect(ctx.run.start).toHaveBeenCalledTimes(1);
    s().setPhase('training');
    ACTIONS.playPause.perform(ctx);
    expect(ctx.run.pause).toHaveBeenCalledTimes(1);
    s().setPhase('paused');
    ACTIONS.playPause.perform(ctx);
    expect(ctx.run.resume).toHaveBeenCalledTimes(1);
    ACTIONS.step.perform(ctx);
    expect(ctx.run.step).toHaveBeenCalledTimes(1);
    ACTIONS.reset.perform(ctx);
    expect(ctx.run.stop).toHaveBeenCalledTimes(1);
    s().setPhase('stopped');
    ACTIONS.reset.perform(ctx);
    expect(ctx.run.stop).toHaveBeenCalledTimes(1); // nothing to reset

    ACTIONS.togglePresenter.perform(ctx);
    expect(s().presenter).toBe(true);
    ACTIONS.panel.perform(ctx, '3');
    expect(s().panel).toBe('maps');
    ACTIONS.panel.perform(ctx, '0');
    expect(s().panel).toBe('maps'); // no tenth key
    ACTIONS.fullView.perform(ctx);
    expect(s().fullView).toBe('chart');
    ACTIONS.fullView.perform(ctx);
    expect(s().fullView).toBeNull();
    for (const [action, flag] of [[ACTIONS.blank, 'blank'], [ACTIONS.laser, 'laser'], [ACTIONS.keyMap, 'keyMap']] as const) {
      action.perform(ctx);
      expect(s()[flag]).toBe(true);
      action.perform(ctx);
      expect(s()[flag]).toBe(false);
    }
  });

  it('does not train an invalid network from the keyboard', () => {
    const ctx = context();
    ctx.store.getState().setSpec({ blocks: [{ id: 'in', kind: 'input', inputs: [] }] });
    ACTIONS.playPause.perform(ctx);
    ACTIONS.step.perform(ctx);
    expect(ctx.run.start).not.toHaveBeenCalled();
    expect(ctx.run.step).not.toHaveBeenCalled();
  });

  it("does nothing a lesson step has hidden: no training or panels from the keyboard in the kernel lab", () => {
    const ctx = context();
    ctx.store.getState().openLessonStep({ lesson: 1, step: 1 });
    expect(ctx.store.getState().lessonStep).not.toBeNull();
    const before = ctx.store.getState().panel;
    ACTIONS.playPause.perform(ctx);
    ACTIONS.step.perform(ctx);
    ACTIONS.panel.perform(ctx, '1');
    expect(ctx.run.start).not.toHaveBeenCalled();
    expect(ctx.run.step).not.toHaveBeenCalled();
    expect(ctx.store.getState().panel).toBe(before);
    // Not enabled, so the page leaves the key to the focused element (a lesson button in presenter mode).
    expect(ACTIONS.playPause.enabled?.(ctx)).toBe(false);
    // Back to the lesson list: the keys work again.
    ctx.store.getState().openLessonStep(null);
    expect(ACTIONS.playPause.enabled?.(ctx)).toBe(true);
    ACTIONS.playPause.perform(ctx);
    expect(ctx.run.start).toHaveBeenCalledTimes(1);
  });
});
