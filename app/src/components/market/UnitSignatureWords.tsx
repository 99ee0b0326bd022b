"use client";
/**
 * The words of a signature request, shown before the wallet is asked: the lines of
 * `signingWords.ts`, and the buttons that sign or step back. Nothing is signed until the person
 * has read them and pressed "Sign".
 */
type Props = {
  title: string;
  words: readonly string[];
  busy: boolean;
  onSign: () => void;
  onCancel: () => void;
  testIdPrefix: string;
};

export function UnitSignatureWords({ title, words, busy, onSign, onCancel, testIdPrefix }: Props) {
  return (
    <div className="notice signature-words" data-testid={`${testIdPrefix}-words`} role="dialog" aria-label={title}>
      <strong>{title}</strong>
      <ul>
        {words.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <div className="input-row">
        <button type="button" className="button" disabled={busy} onClick={onSign} data-testid={`${testIdPrefix}-sign`}>
          Sign
        </button>
        <button type="button" className="button secondary" disabled={busy} onClick={onCancel}>
          Back
        </button>
      </div>
    </div>
  );
}
