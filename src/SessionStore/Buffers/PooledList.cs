using System.Buffers;

namespace SessionStore.Buffers;

/// <summary>An append-only list over arrays rented from <see cref="ArrayPool{T}.Shared"/>, turned into one exact-size array at the end.</summary>
/// <typeparam name="T">The element type.</typeparam>
internal struct PooledList<T> : IDisposable
{
    private T[]? _items;
    private int _count;

    public void Add(T item)
    {
        if (_items is null || _count == _items.Length)
        {
            T[] larger = ArrayPool<T>.Shared.Rent(_items is null ? 256 : _items.Length * 2);
            if (_items is not null)
            {
                _items.AsSpan(0, _count).CopyTo(larger);
                ArrayPool<T>.Shared.Return(_items, clearArray: true);
            }

            _items = larger;
        }

        _items[_count++] = item;
    }

    public T[] ToArrayAndDispose()
    {
        T[] result = _items is null ? [] : _items.AsSpan(0, _count).ToArray();
        Dispose();
        return result;
    }

    public void Dispose()
    {
        if (_items is not null)
        {
            ArrayPool<T>.Shared.Return(_items, clearArray: true);
            _items = null;
            _count = 0;
        }
    }
}
