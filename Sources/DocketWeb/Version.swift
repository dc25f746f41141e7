import Vapor
import Leaf
import DocketStore
public enum DocketWebVersion { public static let value = DocketStoreVersion.value }
