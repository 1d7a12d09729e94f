import { describe, expect, it } from 'vitest';
import { webDomain } from '../src/server/domain.js';

describe('webDomain', () => {
  it.each([
    ['acme.com', 'acme.com'],
    [' ACME.Com ', 'acme.com'],
    ['https://www.acme.co.uk/about?x=1#top', 'acme.co.uk'],
    ['http://shop.acme.example:8080', 'shop.acme.example'],
    ['acme.com.', 'acme.com'],
    ['sales@acme.com', 'acme.com'],
    ['blue-harbor.example', 'blue-harbor.example'],
  ])('reads %j as %j', (raw, domain) => {
    expect(webDomain(raw)).toBe(domain);
  });

  it.each(['', 'localhost', 'not a domain', 'acme', '-acme.com', 'acme-.com', 'acme.c0m', '192.168.0.1', 'a..com'])('refuses %j', (raw) => {
    expect(webDomain(raw)).toBeNull();
  });
});
