import ChengyuCLI

Chengyu.main()
