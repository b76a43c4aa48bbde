/// The RUB sample network (sample-data/rub-network.json), built into the binary so that a first
/// start has something real to show.
public enum SampleNetwork {
    public static var bytes: [UInt8] { PackageResources.rub_network_json }
}
