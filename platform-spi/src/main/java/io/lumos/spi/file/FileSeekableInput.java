package io.lumos.spi.file;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** A local file, read with positional reads on one channel. */
public final class FileSeekableInput implements SeekableInput {
    private final Path path;
    private final FileChannel channel;

    public FileSeekableInput(Path path) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
    }

    public Path path() {
        return path;
    }

    @Override
    public String name() {
        return path.toString();
    }

    @Override
    public long length() throws IOException {
        return channel.size();
    }

    @Override
    public ByteBuffer read(long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new EOFException(path + ": wanted " + length + " bytes at " + position + ", file ends first");
            }
            at += n;
        }
        return buffer.flip();
    }

    @Override
    public InputStream stream(long position) throws IOException {
        FileChannel c = FileChannel.open(path, StandardOpenOption.READ);
        c.position(position);
        return Channels.newInputStream(c);
    }

    @Override
    public Instant lastModified() throws IOException {
        return Files.getLastModifiedTime(path).toInstant();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
