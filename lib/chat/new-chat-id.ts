const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const LENGTH = 16;

/**
 * A fresh chat id: 16 random letters and digits, the shape of the `ai` package's generateId
 * (which this replaces so the chat page's first load needn't bring that package). Uses the
 * platform's CSPRNG, available in the browser and in Workers alike.
 */
export function newChatId(): string {
  const chars: string[] = [];
  while (chars.length < LENGTH) {
    for (const byte of crypto.getRandomValues(new Uint8Array(LENGTH))) {
      // 248 = 4 × 62: bytes above it are dropped so every character is equally likely.
      if (byte < 248 && chars.length < LENGTH) chars.push(ALPHABET.charAt(byte % ALPHABET.length));
    }
  }
  return chars.join("");
}
