import { inboundContent, repliedToWamid, searchableText } from './inbound-message.rules';

describe(searchableText.name, () => {
  it.each([
    [{ type: 'text', text: { body: 'Where is my order?' } }, 'Where is my order?'],
    [{ type: 'image', image: { caption: 'broken box', link: 'l' } }, 'broken box'],
    [{ type: 'document', document: { caption: 'invoice', filename: 'inv-7.pdf', link: 'l' } }, 'invoice\ninv-7.pdf'],
    [{ type: 'location', location: { latitude: 1, longitude: 2, name: 'Home', address: '1 Main St' } }, 'Home\n1 Main St'],
    [{ type: 'button', button: { text: 'Stop promotions', payload: 'STOP' } }, 'Stop promotions\nSTOP'],
    [{ type: 'interactive', interactive: { type: 'listReply', listReply: { id: 'a', title: 'Tomorrow', description: 'after 5pm' } } }, 'Tomorrow\nafter 5pm'],
    [{ type: 'interactive', interactive: { type: 'buttonReply', buttonReply: { id: 'y', title: 'Yes' } } }, 'Yes'],
    [{ type: 'contacts', contact: [{ name: { formattedName: 'Ana Lima' } }, { name: { formattedName: 'Rui' } }] }, 'Ana Lima\nRui'],
    [{ type: 'contacts', contacts: [{ name: { formattedName: 'Ana Lima' } }] }, 'Ana Lima'],
    [{ type: 'reaction', reaction: { messageId: 'w', emoji: '👍' } }, '👍'],
  ])('reads %j as %p', (body, expected) => {
    expect(searchableText(body)).toBe(expected);
  });

  it('finds nothing in media without captions, unsupported messages or types it does not know', () => {
    expect(searchableText({ type: 'audio', audio: { link: 'l' } })).toBeNull();
    expect(searchableText({ type: 'unknown', errors: [{ code: 131051 }] })).toBeNull();
    expect(searchableText({ type: 'hologram', hologram: { text: 'x' } })).toBeNull();
    expect(searchableText({ type: 'text', text: { body: '   ' } })).toBeNull();
  });
});

describe(inboundContent.name, () => {
  it('picks the object the type names, with the vendor spellings of cards and errors', () => {
    expect(inboundContent({ type: 'sticker', sticker: { link: 'l' } })).toEqual({ link: 'l' });
    expect(inboundContent({ type: 'contacts', contact: [{}] })).toEqual([{}]);
    expect(inboundContent({ type: 'unknown', errors: [{ code: 1 }] })).toEqual([{ code: 1 }]);
    expect(inboundContent({ type: 'order' })).toBeNull();
  });
});

describe(repliedToWamid.name, () => {
  it('takes the reacted-to message of a reaction, else the quoted one', () => {
    expect(repliedToWamid({ type: 'reaction', reaction: { messageId: 'wamid.R' }, context: { id: 'wamid.C' } })).toBe('wamid.R');
    expect(repliedToWamid({ type: 'button', context: { from: 'x', id: 'wamid.C' } })).toBe('wamid.C');
    expect(repliedToWamid({ type: 'text' })).toBeNull();
  });
});
