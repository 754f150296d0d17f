/**
 * A multipart/form-data body holding one file in the field `file`, as a browser sends an
 * upload: for tests and the jurisdiction probes, which call the app without a network.
 */
export function multipartFile(
  filename: string,
  content: string | Buffer,
  contentType = filename.endsWith('.xlsx')
    ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    : 'text/csv',
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----tuyendau${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
        `Content-Type: ${contentType}\r\n\r\n`,
    ),
    typeof content === 'string' ? Buffer.from(content, 'utf8') : content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
