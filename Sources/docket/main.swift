import DocketWeb
print(DocketWebVersion.value)
