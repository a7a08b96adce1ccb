/** An error the person should read, announced at once. */
export function ErrorAlert(props: { message: string }) {
  return (
    <div role="alert" class="error-alert">
      {props.message}
    </div>
  );
}
