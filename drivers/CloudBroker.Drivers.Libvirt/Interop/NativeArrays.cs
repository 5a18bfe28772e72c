using System.Runtime.InteropServices;

namespace CloudBroker.Drivers.Libvirt.Interop;

/// <summary>The arrays <c>virConnectListAll*</c> and friends hand over: the caller frees each element and the array.</summary>
internal static unsafe class NativeArrays
{
    /// <summary>Wraps every element in a handle that will free it, then frees the array itself.</summary>
    public static T[] TakeHandles<T>(nint array, int count, Func<nint, T> wrap)
    {
        try
        {
            var elements = (nint*)array;
            var handles = new T[count];
            for (var i = 0; i < count; i++)
            {
                handles[i] = wrap(elements[i]);
            }

            return handles;
        }
        finally
        {
            NativeMemory.Free((void*)array);
        }
    }

    public static void DisposeAll<T>(IEnumerable<T> handles)
        where T : IDisposable
    {
        foreach (var handle in handles)
        {
            handle.Dispose();
        }
    }
}
