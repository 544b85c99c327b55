import { waitFor } from './index';

describe('waitFor', () => {
  it('returns the first truthy value the probe gives, retrying through falsy values and errors', async () => {
    let calls = 0;
    const value = await waitFor(() => {
      calls++;
      if (calls === 1) throw new Error('not yet');
      return calls >= 3 ? { calls } : undefined;
    }, 'three calls');
    expect(value).toEqual({ calls: 3 });
  });

  it('times out naming what it waited for and the last error', async () => {
    await expect(waitFor(() => Promise.reject(new Error('still down')), 'the platform', 60)).rejects.toThrow(
      'Timed out after 60 ms waiting for the platform (last error: still down)',
    );
  });
});
