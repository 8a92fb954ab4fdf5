/**
 * Asks one or more questions on an interactive terminal without echoing the answers. Raw mode is
 * switched on BEFORE the first prompt and kept until the last answer, so input typed or pasted
 * ahead is never echoed by the terminal, and typed-ahead answers are kept for the next prompt.
 */
export async function promptHidden(prompts: readonly string[], stdin: NodeJS.ReadStream, output: NodeJS.WritableStream): Promise<string[]> {
  const wasRaw = stdin.isRaw;
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  let pending = '';
  let wake: (() => void) | null = null;
  const onData = (chunk: string) => {
    pending += chunk;
    wake?.();
  };
  stdin.on('data', onData);
  stdin.resume();
  try {
    const answers: string[] = [];
    for (const prompt of prompts) {
      output.write(prompt);
      let typed = '';
      let done = false;
      while (!done) {
        if (pending === '') await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        const characters = [...pending];
        pending = '';
        for (let index = 0; index < characters.length; index += 1) {
          const character = characters[index] ?? '';
          if (character === '\r' || character === '\n' || character === '\u0004') {
            pending = characters.slice(index + 1).join('').replace(/^\n/, '');
            done = true;
            break;
          }
          if (character === '\u0003') throw new Error('Cancelled.');
          if (character === '\u007f' || character === '\b') typed = [...typed].slice(0, -1).join('');
          else if (character >= ' ') typed += character;
        }
      }
      output.write('\n');
      answers.push(typed);
    }
    return answers;
  } finally {
    stdin.removeListener('data', onData);
    stdin.setRawMode(wasRaw);
    stdin.pause();
  }
}

/** `--password-stdin`: everything on stdin, minus the one line ending that `echo` or a file adds. */
export async function readPasswordFromStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  stdin.setEncoding('utf8');
  for await (const chunk of stdin) text += String(chunk);
  return text.replace(/\r?\n$/, '');
}
