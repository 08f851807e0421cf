import { createServer, type Socket } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { AmiParser, field, type AmiMessage } from '@ringside/server';

// Runs in a worker thread: a minimal AMI peer that accepts any login, then streams the corpus
// block `repeat` times as fast as the client reads it (TCP backpressure), so the client under
// test has the main thread's core to itself.

interface StreamerData {
  block: Uint8Array;
  repeat: number;
}

function headerCi(m: AmiMessage, name: string): string {
  // asterisk-manager writes lower-case header names.
  for (const k of Object.keys(m)) if (k.toLowerCase() === name) return field(m, k);
  return '';
}

async function stream(socket: Socket, block: Buffer, repeat: number): Promise<void> {
  for (let i = 0; i < repeat; i++) {
    if (socket.destroyed) return;
    if (!socket.write(block)) await new Promise<void>((r) => socket.once('drain', r));
  }
}

function serve(data: StreamerData): void {
  const block = Buffer.from(data.block.buffer, data.block.byteOffset, data.block.byteLength);
  const server = createServer((socket) => {
    socket.setNoDelay(true);
    socket.on('error', () => socket.destroy());
    socket.write('Asterisk Call Manager/11.0.0\r\n');
    let streaming = false;
    const parser = new AmiParser({
      frame: (m) => {
        const action = headerCi(m, 'action').toLowerCase();
        const id = headerCi(m, 'actionid');
        const message = action === 'login' ? 'Authentication accepted' : action === 'ping' ? '' : 'Ok';
        socket.write(`Response: Success\r\nActionID: ${id}\r\n${action === 'ping' ? 'Ping: Pong\r\n' : `Message: ${message}\r\n`}\r\n`);
        if (action === 'login' && !streaming) {
          streaming = true;
          void stream(socket, block, data.repeat);
        }
      },
    });
    socket.on('data', (d: Buffer) => parser.push(d));
  });
  server.listen(0, '127.0.0.1', () => {
    const a = server.address();
    parentPort?.postMessage({ port: typeof a === 'object' && a ? a.port : 0 });
  });
  parentPort?.on('message', (m: unknown) => {
    if (m === 'stop') server.close();
  });
}

serve(workerData as StreamerData);
