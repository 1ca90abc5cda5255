using System.Buffers;

namespace SessionStore.Buffers;

/// <summary>
/// A growable byte buffer rented from <see cref="ArrayPool{T}.Shared"/>: serialization writes into it
/// as an <see cref="IBufferWriter{T}"/> and file reads fill it. The owner disposes it exactly once,
/// which returns the array to the pool.
/// </summary>
internal sealed class PooledBytes : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer;

    internal PooledBytes(int initialCapacity) => _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 256));

    internal int Length { get; private set; }

    internal ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    internal ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, Length);

    /// <summary>Room for the next read, growing when full; empty once more than <paramref name="limit"/> bytes are held.</summary>
    internal Memory<byte> FreeSpace(long limit)
    {
        if (Length == _buffer.Length && Length <= limit)
        {
            Resize((int)Math.Min(limit + 1, (long)_buffer.Length * 2));
        }

        return _buffer.AsMemory(Length);
    }

    /// <inheritdoc />
    public void Advance(int count) => Length += count;

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        EnsureFree(sizeHint);
        return _buffer.AsMemory(Length);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        EnsureFree(sizeHint);
        return _buffer.AsSpan(Length);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        byte[] buffer = _buffer;
        _buffer = [];
        Length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void EnsureFree(int sizeHint)
    {
        int needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - Length < needed)
        {
            Resize((int)Math.Min(Array.MaxLength, Math.Max((long)_buffer.Length * 2, (long)Length + needed)));
        }
    }

    private void Resize(int newLength)
    {
        byte[] larger = ArrayPool<byte>.Shared.Rent(newLength);
        _buffer.AsSpan(0, Length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
