#!/usr/bin/env python3
"""A TCP proxy that adds a fixed delay to everything the server sends: each chunk is released at
its arrival time + the delay, whatever came before it, so that replies written together (a
pipelining client's) stay together and one-by-one replies each wait the delay. This is one
round-trip time of a distant relay; a proxy that slept chunk after chunk would instead turn
pipelined replies back into one-by-one ones. Usage: delay_proxy.py LISTEN_PORT TARGET_PORT DELAY_MS"""
import asyncio
import sys


async def delayed_pipe(reader, writer, delay):
    """Reads as fast as the sender writes; a second task writes each chunk when it is due."""
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()

    async def release():
        while True:
            due, data = await queue.get()
            if data is None:
                break
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            writer.write(data)
            await writer.drain()

    releasing = asyncio.ensure_future(release())
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            queue.put_nowait((loop.time() + delay, data))
    except ConnectionError:
        pass
    finally:
        queue.put_nowait((0, None))
        try:
            await releasing
        except ConnectionError:
            pass
        writer.close()


async def handle(client_reader, client_writer, target_port, delay):
    try:
        server_reader, server_writer = await asyncio.open_connection("127.0.0.1", target_port)
    except OSError:
        client_writer.close()
        return
    await asyncio.gather(delayed_pipe(client_reader, server_writer, 0), delayed_pipe(server_reader, client_writer, delay),
                         return_exceptions=True)


async def main():
    listen, target, delay_ms = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    server = await asyncio.start_server(lambda r, w: handle(r, w, target, delay_ms / 1000), "127.0.0.1", listen)
    print(f"delaying replies from :{target} by {delay_ms} ms on :{listen}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
