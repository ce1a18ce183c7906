/** A failure the backend reported, shown where it was asked for (announced at once: role alert); nothing when none. */
export function ErrorNote({ error }: { error: string | null }) {
  return error ? (
    <p className="field-error" role="alert">
      {error}
    </p>
  ) : null;
}
