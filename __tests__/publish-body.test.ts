import { muteCheckbox, TRACKING_MARKER } from '../src/enrich/state.js';
import { isBodyTooLong, SHORTENED_NOTE, shortenBody, withTrackingMarker } from '../src/publish/body.js';

describe('shortenBody', () => {
  it('removes nested <details> blocks whole, keeps the rest and ticked mute boxes', () => {
    const body = [
      '# Audit',
      '- finding A',
      '<details><summary>Runs</summary>',
      'outer',
      '<details><summary>Steps</summary>inner</details>',
      muteCheckbox('slow-aaaaaaaaaaaa', true),
      muteCheckbox('slow-bbbbbbbbbbbb', false),
      '</details>',
      '- finding B',
      TRACKING_MARKER,
    ].join('\n');
    const out = shortenBody(body);
    expect(out.startsWith(SHORTENED_NOTE)).toBe(true);
    expect(out).not.toMatch(/details|outer|inner/);
    expect(out).toContain(`- finding A\n${muteCheckbox('slow-aaaaaaaaaaaa', true)}\n- finding B\n${TRACKING_MARKER}`);
    expect(out).toContain(TRACKING_MARKER);
    expect(out).toContain(muteCheckbox('slow-aaaaaaaaaaaa', true));
    expect(out).not.toContain('slow-bbbbbbbbbbbb');
  });

  it('returns the body unchanged when there is nothing to leave out', () => {
    expect(shortenBody('# Audit\n- a')).toBe('# Audit\n- a');
  });
});

describe('withTrackingMarker / isBodyTooLong', () => {
  it('adds the marker once', () => {
    const once = withTrackingMarker('body\n');
    expect(once).toBe(`body\n\n${TRACKING_MARKER}\n`);
    expect(withTrackingMarker(once)).toBe(once);
  });

  it('recognises only a 422 about the body', () => {
    const data = (field: string) => ({
      errors: [{ resource: 'Issue', code: 'custom', field, message: `${field} is too long` }],
    });
    expect(isBodyTooLong({ status: 422, message: 'Validation Failed', response: { data: data('body') } })).toBe(true);
    expect(
      isBodyTooLong({
        status: 422,
        message: 'Validation Failed',
        response: { data: { errors: [{ field: 'title', code: 'missing_field' }] } },
      }),
    ).toBe(false);
    expect(isBodyTooLong({ status: 500, message: 'body is too long' })).toBe(false);
  });
});
